"""JSON Schemas of storyscope's output contracts (``brief.schema.json``), shipped as package data."""
