# [PhotoFFTests.CudaMemoryProbe]: free device memory as the CUDA driver reports it, independent of the module under test
# (dot-sourced by tests that check what Import-Module and Remove-Module do to device memory). The probe retains the
# device's primary context for its own queries, so its numbers are comparable before PhotoFF is imported and after it is
# removed. Signatures from cuda.h: CUresult is an int, CUdevice an int, CUcontext a pointer, sizes size_t.

Add-Type -TypeDefinition @'
using System;
using System.Runtime.InteropServices;

namespace PhotoFFTests
{
    public sealed class CudaMemoryProbe
    {
        private delegate int Init(uint flags);
        private delegate int DeviceGet(out int device, int ordinal);
        private delegate int PrimaryCtxRetain(out IntPtr context, int device);
        private delegate int CtxPushCurrent(IntPtr context);
        private delegate int CtxPopCurrent(out IntPtr context);
        private delegate int MemGetInfo(out UIntPtr free, out UIntPtr total);
        private delegate int GetErrorName(int error, out IntPtr name);

        private readonly IntPtr library;
        private readonly IntPtr context;

        public CudaMemoryProbe(int ordinal)
        {
            library = NativeLibrary.Load(OperatingSystem.IsWindows() ? "nvcuda.dll" : "libcuda.so.1");
            Check(Function<Init>("cuInit")(0), "cuInit");
            Check(Function<DeviceGet>("cuDeviceGet")(out int device, ordinal), "cuDeviceGet");
            Check(Function<PrimaryCtxRetain>("cuDevicePrimaryCtxRetain")(out context, device), "cuDevicePrimaryCtxRetain");
        }

        /// <summary>cuMemGetInfo's free bytes of the whole device, with the probe's context pushed for the call.</summary>
        public long FreeBytes()
        {
            Check(Function<CtxPushCurrent>("cuCtxPushCurrent_v2")(context), "cuCtxPushCurrent_v2");
            try
            {
                Check(Function<MemGetInfo>("cuMemGetInfo_v2")(out UIntPtr free, out UIntPtr total), "cuMemGetInfo_v2");
                return (long)free.ToUInt64();
            }
            finally
            {
                Check(Function<CtxPopCurrent>("cuCtxPopCurrent_v2")(out IntPtr _), "cuCtxPopCurrent_v2");
            }
        }

        private T Function<T>(string name) where T : Delegate =>
            Marshal.GetDelegateForFunctionPointer<T>(NativeLibrary.GetExport(library, name));

        private void Check(int result, string call)
        {
            if (result == 0)
            {
                return;
            }

            string errorName = Function<GetErrorName>("cuGetErrorName")(result, out IntPtr text) == 0 ? Marshal.PtrToStringAnsi(text) : "an unknown error";
            throw new InvalidOperationException(call + " failed: " + errorName + " (" + result + ")");
        }
    }
}
'@
