import Testing

@Suite struct SeedsPlaceholder {}
