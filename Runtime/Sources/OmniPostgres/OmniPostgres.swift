// OmniPostgres — see docs/ARCHITECTURE.md.
