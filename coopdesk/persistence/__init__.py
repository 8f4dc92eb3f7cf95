"""SQLAlchemy models, the engine, the unit of work and migrations."""
