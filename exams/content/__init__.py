"""Shipped course content as plain Python data (no Django imports), e.g. the question bank."""
