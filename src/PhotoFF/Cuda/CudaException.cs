using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PhotoFF.Cuda;

/// <summary>A failed CUDA driver call, carrying the driver's error name and description.</summary>
public sealed class CudaException : Exception
{
    public CudaException(CudaResult result, string call)
        : base(Describe(result, call))
    {
        Result = result;
        ErrorName = NameOf(result);
        Call = call;
    }

    /// <summary>CUDA cannot be used here at all (no driver, no device, a driver that did not initialize): no call
    /// failed, so <see cref="Result"/> is <see cref="CudaResult.NoDevice"/> and the error is never context-fatal.</summary>
    public CudaException(string message)
        : base(message)
    {
        Result = CudaResult.NoDevice;
        ErrorName = NameOf(CudaResult.NoDevice);
        Call = string.Empty;
    }

    public CudaResult Result { get; }

    /// <summary>The driver's name for the error, such as <c>CUDA_ERROR_OUT_OF_MEMORY</c>.</summary>
    public string ErrorName { get; }

    /// <summary>The call that failed: the expression in the source, or a description that names the kernel or module.</summary>
    public string Call { get; }

    /// <summary>
    /// True when the error leaves the context unusable: a fault while a kernel ran (an illegal or misaligned address, an
    /// illegal instruction, a device-side assert, a stack error...), after which the driver answers every call in
    /// the context with the same error, or a launch that timed out. The context must be rebuilt. Errors the driver
    /// reports before any work ran (an invalid value, too many resources for a launch) are not fatal.
    /// </summary>
    public bool IsContextFatal => Result is CudaResult.IllegalAddress or CudaResult.LaunchTimeout or CudaResult.Assert
        or CudaResult.HardwareStackError or CudaResult.IllegalInstruction or CudaResult.MisalignedAddress
        or CudaResult.InvalidAddressSpace or CudaResult.InvalidPc or CudaResult.LaunchFailed or CudaResult.Unknown;

    internal static void ThrowIfFailed(CudaResult result, [CallerArgumentExpression(nameof(result))] string call = "")
    {
        if (result != CudaResult.Success)
        {
            throw new CudaException(result, call);
        }
    }

    internal static string NameOf(CudaResult result)
    {
        try
        {
            if (NativeMethods.cuGetErrorName(result, out nint name) == CudaResult.Success && name != 0)
            {
                return Marshal.PtrToStringAnsi(name) ?? result.ToString();
            }
        }
        catch (DllNotFoundException)
        {
        }
        catch (EntryPointNotFoundException)
        {
        }

        return $"CUDA_ERROR_{result.ToString().ToUpperInvariant()}";
    }

    private static string Describe(CudaResult result, string call)
    {
        string text = result.ToString();
        try
        {
            if (NativeMethods.cuGetErrorString(result, out nint description) == CudaResult.Success && description != 0)
            {
                text = Marshal.PtrToStringAnsi(description) ?? text;
            }
        }
        catch (DllNotFoundException)
        {
        }
        catch (EntryPointNotFoundException)
        {
        }

        // An expression captured by [CallerArgumentExpression] is named by its function alone; a description written
        // out by the caller (naming the kernel, or carrying the JIT log) is kept whole.
        const string Binding = "NativeMethods.";
        string callName = call.StartsWith(Binding, StringComparison.Ordinal) ? call[Binding.Length..].Split('(')[0].Trim() : call;
        return $"{callName} failed: {NameOf(result)} ({(int)result}): {text}";
    }
}
