"""Citations in a build: the roles and the ``kamerstukken`` reference list."""
