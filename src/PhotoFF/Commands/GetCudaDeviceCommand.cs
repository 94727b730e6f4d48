using System.Management.Automation;
using PhotoFF.Backends.Cuda;
using PhotoFF.Codecs.Gpu;
using PhotoFF.Cuda;
using PhotoFF.Imaging;

namespace PhotoFF.Commands;

/// <summary>Get-CudaDevice: the CUDA devices, and the backends new images go to (every device under PHOTOFF_DEVICE=All).</summary>
[Cmdlet(VerbsCommon.Get, "CudaDevice", HelpUri = HelpLinks.Cmdlets)]
[OutputType(typeof(CudaDeviceInfo))]
public sealed class GetCudaDeviceCommand : PhotoFFCommand
{
    protected override void EndProcessing()
    {
        IReadOnlyList<Backends.IImageBackend> current;
        try
        {
            current = SelectBackends(null);
        }
        catch (Exception error) when (error is CudaException or InvalidOperationException)
        {
            ThrowTerminatingError(new ErrorRecord(error, "BackendUnavailable", ErrorCategory.ResourceUnavailable, null));
            return;
        }

        CudaDeviceInfo cpuRow = new(-1, current[0].DeviceName, "Cpu", null, Environment.ProcessorCount, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, null, null, true,
            "libvips (CPU backend)");
        if (!BackendSelector.CudaAvailable(out _))
        {
            WriteObject(cpuRow);
            return;
        }

        string driver = CudaDriver.DriverVersion.ToString();
        for (int ordinal = 0; ordinal < CudaDriver.DeviceCount; ordinal++)
        {
            CudaDevice device = CudaDevice.Get(ordinal);
            CudaBackend? started = BackendSelector.Active.OfType<CudaBackend>().FirstOrDefault(b => b.DeviceOrdinal == ordinal);
            long? free = started?.Context.MemoryInfo().Free;
            bool inUse = current.Any(backend => backend is CudaBackend cuda && cuda.DeviceOrdinal == ordinal);
            WriteObject(new CudaDeviceInfo(ordinal, device.Name, "Cuda", device.ComputeCapability.ToString(), device.MultiprocessorCount,
                device.TotalMemoryBytes, free, driver, inUse, NvjpegCodec.Describe(started)));
        }

        if (current[0].Kind == Backends.BackendKind.Cpu)
        {
            WriteObject(cpuRow);
        }
    }
}
