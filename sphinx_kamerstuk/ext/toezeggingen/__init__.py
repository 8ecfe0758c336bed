"""Toezeggingen: the directives and role, their views, and what keeps views current."""
