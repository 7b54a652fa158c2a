// OmniStorage — see docs/ARCHITECTURE.md.
