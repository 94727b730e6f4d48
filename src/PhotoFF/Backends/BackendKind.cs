namespace PhotoFF.Backends;

/// <summary>Where an image's pixels live and its operations run.</summary>
public enum BackendKind
{
    Cpu,
    Cuda,
}
