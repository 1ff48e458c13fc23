"""supportlens: customer-service analytics on your own helpdesk data."""

__version__ = "0.1.0"
