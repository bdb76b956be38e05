"""Rendering views: the `style.Style` protocol, the styles, partial builds, and the build command."""
