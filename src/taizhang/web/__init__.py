"""Pages (Django templates + htmx) and the health check."""
