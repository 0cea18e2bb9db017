"""Models of this area arrive with its feature work; the app is registered from day one."""
