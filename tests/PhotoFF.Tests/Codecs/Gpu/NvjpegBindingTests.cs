using System.Runtime.InteropServices;
using PhotoFF.Cuda.Nvjpeg;

namespace PhotoFF.Tests.Codecs.Gpu;

/// <summary>Where libnvjpeg is looked for and what is said when it is not there; the one struct nvJPEG reads.</summary>
public sealed class NvjpegBindingTests
{
    [Fact]
    public void On_linux_the_newest_soname_is_looked_for_first_on_the_search_path_then_in_the_toolkit()
    {
        List<string> tried = [];
        (nint handle, string found) = NvjpegLocator.Find(windows: false, Environment(("CUDA_PATH", "/opt/cuda")), Loader(tried));

        Assert.Equal(0, handle);
        Assert.Equal(
        [
            "libnvjpeg.so.13", "/opt/cuda/lib64/libnvjpeg.so.13", "/opt/cuda/targets/x86_64-linux/lib/libnvjpeg.so.13",
            "/usr/local/cuda/lib64/libnvjpeg.so.13", "/usr/local/cuda/targets/x86_64-linux/lib/libnvjpeg.so.13",
            "libnvjpeg.so.12", "/opt/cuda/lib64/libnvjpeg.so.12", "/opt/cuda/targets/x86_64-linux/lib/libnvjpeg.so.12",
            "/usr/local/cuda/lib64/libnvjpeg.so.12", "/usr/local/cuda/targets/x86_64-linux/lib/libnvjpeg.so.12",
        ], tried);
        Assert.StartsWith("libnvjpeg not found (looked for libnvjpeg.so.13 and libnvjpeg.so.12 on the library search path and in /opt/cuda/lib64", found, StringComparison.Ordinal);
        Assert.EndsWith("set $PHOTOFF_NVJPEG to its path)", found, StringComparison.Ordinal);
    }

    [Fact]
    public void On_windows_the_dlls_are_looked_for_in_CUDA_PATH_bin_x64_then_bin()
    {
        List<string> tried = [];
        NvjpegLocator.Find(windows: true, Environment(("CUDA_PATH", @"C:\CUDA")), Loader(tried));

        Assert.Equal("nvjpeg64_13.dll", tried[0]);
        Assert.Equal(Path.Combine(@"C:\CUDA", "bin", "x64", "nvjpeg64_13.dll"), tried[1]);
        Assert.Equal(Path.Combine(@"C:\CUDA", "bin", "nvjpeg64_13.dll"), tried[2]);
        Assert.Equal("nvjpeg64_12.dll", tried[3]);
        Assert.Equal(6, tried.Count);
    }

    [Fact]
    public void The_first_that_loads_wins()
    {
        List<string> tried = [];
        (nint handle, string found) = NvjpegLocator.Find(windows: false, Environment(), Loader(tried, "/usr/local/cuda/lib64/libnvjpeg.so.12"));

        Assert.Equal(42, handle);
        Assert.Equal("/usr/local/cuda/lib64/libnvjpeg.so.12", found);
        Assert.Equal("/usr/local/cuda/lib64/libnvjpeg.so.12", tried[^1]);
    }

    [Fact]
    public void PHOTOFF_NVJPEG_names_the_one_file_or_turns_nvjpeg_off()
    {
        List<string> tried = [];
        (nint handle, string found) = NvjpegLocator.Find(false, Environment(("PHOTOFF_NVJPEG", "/x/libnvjpeg.so")), Loader(tried, "/x/libnvjpeg.so"));
        Assert.Equal((42, "/x/libnvjpeg.so"), (handle, found));

        tried.Clear();
        (handle, found) = NvjpegLocator.Find(false, Environment(("PHOTOFF_NVJPEG", "/missing.so")), Loader(tried));
        Assert.Equal(0, handle);
        Assert.Equal(["/missing.so"], tried);
        Assert.Equal("$PHOTOFF_NVJPEG names '/missing.so', which could not be loaded", found);

        tried.Clear();
        (handle, found) = NvjpegLocator.Find(false, Environment(("PHOTOFF_NVJPEG", "Off")), Loader(tried, "libnvjpeg.so.13"));
        Assert.Equal(0, handle);
        Assert.Empty(tried);
        Assert.Equal("nvJPEG turned off ($PHOTOFF_NVJPEG is 'Off')", found);
    }

    [Fact]
    public void The_image_descriptor_has_nvjpeg_h_layout()
    {
        // unsigned char* channel[4]; size_t pitch[4];
        Assert.Equal(8, IntPtr.Size);
        Assert.Equal(64, Marshal.SizeOf<NvjpegImage>());
        Assert.Equal(0, Marshal.OffsetOf<NvjpegImage>(nameof(NvjpegImage.Channel0)).ToInt32());
        Assert.Equal(24, Marshal.OffsetOf<NvjpegImage>(nameof(NvjpegImage.Channel3)).ToInt32());
        Assert.Equal(32, Marshal.OffsetOf<NvjpegImage>(nameof(NvjpegImage.Pitch0)).ToInt32());
        NvjpegImage image = NvjpegImage.Interleaved(new PhotoFF.Cuda.CuDevicePtr(0x1234_5678_9000), 3 * 4097);
        Assert.Equal((0x1234_5678_9000ul, (nuint)(3 * 4097)), (image.Channel0, image.Pitch0));
        Assert.Equal((0ul, (nuint)0), (image.Channel1, image.Pitch1));
    }

    [Fact]
    public void Statuses_are_named_as_nvjpeg_h_names_them()
    {
        NvjpegException error = new(NvjpegStatus.BadJpeg, "nvjpegDecodeBatched(handle, state, ...)");

        Assert.Equal("nvjpegDecodeBatched failed: NVJPEG_STATUS_BAD_JPEG (3): the JPEG stream could not be parsed", error.Message);
        Assert.True(error.IsAboutTheData);
        Assert.False(new NvjpegException(NvjpegStatus.AllocatorFailure, "x").IsAboutTheData);
        Assert.Equal("NVJPEG_STATUS_INCOMPLETE_BITSTREAM", NvjpegException.NameOf((NvjpegStatus)10));
        Assert.Equal("NVJPEG_STATUS_42", NvjpegException.NameOf((NvjpegStatus)42));
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    private static Func<string, nint> Loader(List<string> tried, string? loads = null) => candidate =>
    {
        tried.Add(candidate);
        return candidate == loads ? 42 : 0;
    };
}
