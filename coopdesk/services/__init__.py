"""Use cases: each public function is one user action over one unit of work, returning frozen DTOs."""
