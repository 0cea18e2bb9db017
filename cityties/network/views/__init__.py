"""Pages of the network area, one module per concern."""
