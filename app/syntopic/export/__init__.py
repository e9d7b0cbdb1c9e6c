"""Study maps, study guides and graph data files."""
