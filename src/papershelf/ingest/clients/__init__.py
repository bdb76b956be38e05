"""ingest/clients"""
