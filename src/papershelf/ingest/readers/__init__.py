"""ingest/readers"""
