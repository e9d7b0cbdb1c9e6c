"""The PySide6 desktop app: windows, views, item models and workers."""
