"""Companion: an offline desktop study companion for system leadership."""

__version__ = "0.1.0"
