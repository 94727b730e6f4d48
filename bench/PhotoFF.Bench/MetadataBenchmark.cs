using System.Diagnostics;
using System.Text;
using PhotoFF.Codecs;

namespace PhotoFF.Bench;

/// <summary>
/// Usage: dotnet PhotoFF.Bench.dll --metadata [testimages folder] [output.md]. Copies the shared test photos into 1,000
/// files (JPEGs of 8 KB to 2 MB, a HEIC, a TIFF, round robin) and times reading their metadata, after a pass that brings
/// the files into the operating system's cache: Get-ImageMetadata's reader (JPEG markers straight from the file, libvips'
/// header-only open for other formats, then PhotoFF's EXIF parser) on one thread and on all cores, and libvips'
/// header-only open for every file, the alternative it was chosen over. No GPU is needed.
/// </summary>
internal static class MetadataBenchmark
{
    private const int FileCount = 1000;

    public static int Run(string testImages, string? outputPath)
    {
        string[] sources = [.. Directory.GetFiles(Path.Combine(testImages, "photos")).Where(f => !f.EndsWith(".md", StringComparison.Ordinal)),
            .. Directory.GetFiles(Path.Combine(testImages, "exif", "orientation"), "*.jpg")];
        Array.Sort(sources, StringComparer.Ordinal);
        string folder = Path.Combine(Path.GetTempPath(), $"photoff-metadata-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(folder);
        try
        {
            string[] files = new string[FileCount];
            for (int i = 0; i < FileCount; i++)
            {
                string source = sources[i % sources.Length];
                files[i] = Path.Combine(folder, $"{i:D4}{Path.GetExtension(source)}");
                File.Copy(source, files[i]);
            }

            string[] jpegs = files.Where(f => f.EndsWith(".jpg", StringComparison.Ordinal)).ToArray();
            Time(files, f => MetadataReader.Read(f), parallel: false);
            double productOne = Time(files, f => MetadataReader.Read(f), parallel: false);
            double productAll = Time(files, f => MetadataReader.Read(f), parallel: true);
            double libvipsOne = Time(files, f => MetadataReader.ReadWithLibvips(f), parallel: false);
            double libvipsAll = Time(files, f => MetadataReader.ReadWithLibvips(f), parallel: true);
            double markersJpegs = Time(jpegs, f => MetadataReader.Read(f), parallel: false);
            double libvipsJpegs = Time(jpegs, f => MetadataReader.ReadWithLibvips(f), parallel: false);

            StringBuilder report = new();
            report.AppendLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}; .NET {Environment.Version}; files in the OS cache.");
            report.AppendLine($"Files: {FileCount} copies of {sources.Length} test images ({jpegs.Length} JPEGs, the rest HEIC and TIFF), {files.Sum(f => new FileInfo(f).Length) / 1e6:0} MB.");
            report.AppendLine();
            report.AppendLine("| reader | files | total (ms) | per file (us) |");
            report.AppendLine("| --- | ---: | ---: | ---: |");
            void Row(string reader, int count, double milliseconds) =>
                report.AppendLine($"| {reader} | {count} | {milliseconds:0} | {milliseconds * 1000 / count:0} |");
            Row("Get-ImageMetadata's reader (JPEG markers; libvips for the rest), 1 thread", files.Length, productOne);
            Row($"Get-ImageMetadata's reader, {Environment.ProcessorCount} threads", files.Length, productAll);
            Row("libvips header-only open for every file, 1 thread", files.Length, libvipsOne);
            Row($"libvips header-only open for every file, {Environment.ProcessorCount} threads", files.Length, libvipsAll);
            Row("JPEGs only: markers read straight from the file, 1 thread", jpegs.Length, markersJpegs);
            Row("JPEGs only: libvips header-only open, 1 thread", jpegs.Length, libvipsJpegs);
            Console.Write(report);
            if (outputPath is not null)
            {
                File.WriteAllText(outputPath, report.ToString());
            }

            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Milliseconds to read every file, the best of three passes.</summary>
    private static double Time(string[] files, Action<string> read, bool parallel)
    {
        double best = double.MaxValue;
        for (int pass = 0; pass < 3; pass++)
        {
            Stopwatch watch = Stopwatch.StartNew();
            if (parallel)
            {
                Parallel.ForEach(files, read);
            }
            else
            {
                foreach (string file in files)
                {
                    read(file);
                }
            }

            best = Math.Min(best, watch.Elapsed.TotalMilliseconds);
        }

        return best;
    }
}
