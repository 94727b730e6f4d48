using System.Management.Automation;
using PhotoFF.Backends.Cuda;
using PhotoFF.Codecs.Gpu;
using PhotoFF.Cuda;
using PhotoFF.Imaging;

namespace PhotoFF.Commands;

/// <summary>Get-CudaDevice: the CUDA devices, and the backend new images go to.</summary>
[Cmdlet(VerbsCommon.Get, "CudaDevice", HelpUri = HelpLinks.Cmdlets)]
[OutputType(typeof(CudaDeviceInfo))]
public sealed class GetCudaDeviceCommand : PhotoFFCommand
{
    protected override void EndProcessing()
    {
        Backends.IImageBackend current;
        try
        {
            current = SelectBackend(null);
        }
        catch (Exception error) when (error is CudaException or InvalidOperationException)
        {
            ThrowTerminatingError(new ErrorRecord(error, "BackendUnavailable", ErrorCategory.ResourceUnavailable, null));
            return;
        }

        CudaDeviceInfo cpuRow = new(-1, current.DeviceName, "Cpu", null, Environment.ProcessorCount, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes, null, null, true,
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
            bool inUse = current is CudaBackend cuda && cuda.DeviceOrdinal == ordinal;
            WriteObject(new CudaDeviceInfo(ordinal, device.Name, "Cuda", device.ComputeCapability.ToString(), device.MultiprocessorCount,
                device.TotalMemoryBytes, free, driver, inUse, NvjpegCodec.Describe(started)));
        }

        if (current.Kind == Backends.BackendKind.Cpu)
        {
            WriteObject(cpuRow);
        }
    }
}
