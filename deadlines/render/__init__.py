"""Presentation: turns a schedule into tables and text. Computes no date."""
