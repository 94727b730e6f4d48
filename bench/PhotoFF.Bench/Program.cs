using System.Globalization;
using System.Text;
using PhotoFF.Backends.Cuda;
using PhotoFF.Bench;
using PhotoFF.Cuda;
using PhotoFF.Imaging;

// Usage: dotnet PhotoFF.Bench.dll [output.md]
// Prints a markdown table of GPU times per operation on a 3840x2160 RGBA8 image, each beside its memory floor: the
// bytes it must move (each input read once, each output written once) over the device-to-device copy bandwidth
// measured in the same run.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
const int Width = 3840;
const int Height = 2160;
const long ImageBytes = (long)Width * Height * 4;

using IDisposable lease = BackendSelector.Acquire();
if (!BackendSelector.CudaAvailable(out string reason))
{
    Console.Error.WriteLine($"No CUDA device: {reason}. The benchmark measures GPU times only.");
    return 2;
}

CudaBackend backend = (CudaBackend)BackendSelector.ForDevice(0);
Random random = new(1);
byte[] pixels = new byte[ImageBytes];
random.NextBytes(pixels);
using CudaImage image = CudaImage.FromPixels(pixels, Width, Height, backend);
using CudaImage scratch = CudaImage.FromPixels(pixels, Width, Height, backend);
OperationTimer timer = new();

double copyMicros = timer.MedianMicroseconds(image, img => backend.Copy(scratch.Pixels, img.Pixels, ImageBytes));
double bandwidth = 2.0 * ImageBytes / (copyMicros * 1e-6); // bytes read + written per second

var rows = new List<(string Name, double Micros, long Bytes)>
{
    ("device copy (reference)", copyMicros, 2 * ImageBytes),
};

void Measure(string name, long bytesMoved, Action<CudaImage> operation)
{
    image.Load(pixels, Width, Height);
    rows.Add((name, timer.MedianMicroseconds(image, operation), bytesMoved));
}

foreach (var (name, bytes, operation) in BenchmarkCatalog.Operations(ImageBytes, Width, Height, backend))
{
    Measure(name, bytes, operation);
}

StringBuilder table = new();
table.AppendLine($"GPU: {backend.DeviceName} (compute {backend.Device.ComputeCapability}, {backend.Device.MultiprocessorCount} SMs), driver CUDA {CudaDriver.DriverVersion}");
table.AppendLine($"Image: {Width}x{Height} RGBA8 ({ImageBytes / 1e6:0.0} MB). Copy bandwidth measured: {bandwidth / 1e12:0.00} TB/s (read + write).");
table.AppendLine();
table.AppendLine("| operation | GPU time (us, median of 21) | bytes moved (MB) | memory floor (us) | time / floor |");
table.AppendLine("| --- | ---: | ---: | ---: | ---: |");
foreach (var (name, micros, bytes) in rows)
{
    double floor = bytes / bandwidth * 1e6;
    table.AppendLine($"| {name} | {micros:0.0} | {bytes / 1e6:0.0} | {floor:0.0} | {micros / floor:0.00} |");
}

Console.Write(table);
if (args.Length > 0)
{
    File.WriteAllText(args[0], table.ToString());
}

return 0;
