"""Public pages of suggestions and complaints: forms, listings, the receipt and tracking."""
