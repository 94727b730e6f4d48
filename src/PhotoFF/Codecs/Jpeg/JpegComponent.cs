namespace PhotoFF.Codecs.Jpeg;

/// <summary>A colour component of a JPEG frame: its id, sampling factors and quantization table.</summary>
internal sealed record JpegComponent(byte Id, int Horizontal, int Vertical, int QuantizationTable);
