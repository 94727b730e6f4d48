using System.Globalization;
using System.Text;
using PhotoFF.Backends.Cpu;
using PhotoFF.Backends.Cuda;
using PhotoFF.Bench;
using PhotoFF.Cuda;
using PhotoFF.Imaging;

// Usage: dotnet PhotoFF.Bench.dll [output.md] [--no-check]
//        dotnet PhotoFF.Bench.dll --metadata <testimages folder> [output.md]   (MetadataBenchmark: no GPU needed)
// Prints a markdown table of GPU times per operation on a 3840x2160 RGBA8 image, each beside its memory floor: the
// bytes it must move (each input read once, each output written once) over the device-to-device copy bandwidth
// measured in the same run. Each blur's output is compared with the CPU backend's (column "= CPU": max difference
// per channel; 0 means bit-identical), unless --no-check.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args is ["--metadata", string testImages, ..])
{
    return MetadataBenchmark.Run(testImages, args.Length > 2 ? args[2] : null);
}

const int Width = 3840;
const int Height = 2160;
const long ImageBytes = (long)Width * Height * 4;

string? outputPath = null;
bool check = true;
for (int i = 0; i < args.Length; i++)
{
    if (args[i] == "--no-check")
    {
        check = false;
    }
    else
    {
        outputPath = args[i];
    }
}

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

var rows = new List<(string Name, double Micros, long Bytes, string Check)>
{
    ("device copy (reference)", copyMicros, 2 * ImageBytes, ""),
};

void Measure(string name, long bytesMoved, Action<CudaImage> operation, string checkResult = "")
{
    image.Load(pixels, Width, Height);
    rows.Add((name, timer.MedianMicroseconds(image, operation), bytesMoved, checkResult));
}

// The CPU reference of each blur, computed once (a few seconds each on the CPU).
using CpuBackend cpu = new();
Dictionary<double, byte[]> references = [];
byte[] Reference(double radius)
{
    if (!references.TryGetValue(radius, out byte[]? reference))
    {
        using CudaImage source = CudaImage.FromPixels(pixels, Width, Height, cpu);
        reference = source.GaussianBlur(radius).ToArray();
        references.Add(radius, reference);
    }

    return reference;
}

string Compare(double radius)
{
    if (!check)
    {
        return "";
    }

    image.Load(pixels, Width, Height);
    byte[] result = image.GaussianBlur(radius).ToArray();
    byte[] reference = Reference(radius);
    int worst = 0;
    long differing = 0;
    for (long i = 0; i < result.LongLength; i++)
    {
        int difference = Math.Abs(result[i] - reference[i]);
        if (difference != 0)
        {
            differing++;
            worst = Math.Max(worst, difference);
        }
    }

    return differing == 0 ? "0" : $"{worst} ({differing} bytes)";
}

foreach (var (radius, name) in BenchmarkCatalog.BlurRadii)
{
    string checkResult = Compare(radius);
    Measure(name, 2 * ImageBytes, img => img.GaussianBlur(radius), checkResult);
}

foreach (var (name, bytes, operation) in BenchmarkCatalog.Operations())
{
    Measure(name, bytes, operation);
}

// The other operations; size-changing ones run on a fresh copy of the 4K image, whose copy time is subtracted.
foreach (OperationCatalog.Entry entry in OperationCatalog.Operations(scratch, ImageBytes))
{
    image.Load(pixels, Width, Height);
    double micros = entry switch
    {
        { CopyFirst: true } => timer.MedianMicroseconds(image, img => { using CudaImage fresh = img.Clone(); entry.Operation(fresh); }) - copyMicros,
        { ResetFrom: { } shape } => timer.MedianMicroseconds(image, img => { backend.Copy(shape.Pixels, img.Pixels, ImageBytes); entry.Operation(img); }) - copyMicros,
        _ => timer.MedianMicroseconds(image, entry.Operation),
    };
    rows.Add((entry.Name + (entry.CopyFirst || entry.ResetFrom is not null ? " *" : string.Empty), micros, entry.Bytes, string.Empty));
}

StringBuilder table = new();
table.AppendLine($"GPU: {backend.DeviceName} (compute {backend.Device.ComputeCapability}, {backend.Device.MultiprocessorCount} SMs), driver CUDA {CudaDriver.DriverVersion}");
table.AppendLine($"Image: {Width}x{Height} RGBA8 ({ImageBytes / 1e6:0.0} MB). Copy bandwidth measured: {bandwidth / 1e12:0.00} TB/s (read + write).");
table.AppendLine();
table.AppendLine("| operation | GPU time (us, median of 21) | bytes moved (MB) | memory floor (us) | time / floor | = CPU |");
table.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
foreach (var (name, micros, bytes, checkResult) in rows)
{
    double floor = bytes / bandwidth * 1e6;
    table.AppendLine($"| {name} | {micros:0.0} | {bytes / 1e6:0.0} | {floor:0.0} | {micros / floor:0.00} | {checkResult} |");
}

table.AppendLine();
table.AppendLine("\\* timed on a fresh device copy (size-changing operations) or after resetting the image to an opaque pill shape (stroke, shadow); the copy's time is subtracted.");
Console.Write(table);
if (outputPath is not null)
{
    File.WriteAllText(outputPath, table.ToString());
}

return 0;
