"""The app's pages: each has a `layout` function and `register(app, ctx)` for callbacks."""
