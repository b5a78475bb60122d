"""The platform's project package and its organisation-and-people core."""
