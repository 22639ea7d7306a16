namespace FiveSocieties.BuildingBlocks.Messaging;

/// <summary>
/// Headers the relay adds to every integration event. A page of events is published in
/// parallel across streams, so the bus does not keep one stream's order: consumers that care
/// use the stream id and version to order and deduplicate.
/// </summary>
public static class MessageHeaders
{
    public const string StreamId = "FiveSoc-Stream-Id";
    public const string StreamVersion = "FiveSoc-Stream-Version";
    public const string EventSequence = "FiveSoc-Event-Sequence";
}
