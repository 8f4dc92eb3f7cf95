"""The members page: table model, page, add/edit dialog and the CSV import wizard."""
