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

    public CudaException(string message)
        : base(message)
    {
        Result = CudaResult.Unknown;
        ErrorName = NameOf(CudaResult.Unknown);
        Call = string.Empty;
    }

    public CudaResult Result { get; }

    /// <summary>The driver's name for the error, such as <c>CUDA_ERROR_OUT_OF_MEMORY</c>.</summary>
    public string ErrorName { get; }

    /// <summary>The call that failed, as written in the source.</summary>
    public string Call { get; }

    /// <summary>True when the error leaves the context unusable (a sticky error): it must be rebuilt.</summary>
    public bool IsContextFatal => Result is CudaResult.IllegalAddress or CudaResult.LaunchFailed or CudaResult.LaunchTimeout
        or CudaResult.Unknown;

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

        string callName = call.Split('(')[0].Trim();
        return $"{callName} failed: {NameOf(result)} ({(int)result}): {text}";
    }
}
