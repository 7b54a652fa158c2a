import Testing
@testable import OmniApp
