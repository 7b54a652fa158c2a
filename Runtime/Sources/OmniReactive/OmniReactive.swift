// OmniReactive — see docs/ARCHITECTURE.md.
