#!/usr/bin/env bash
# Builds what a GPU-machine run needs and packs it into .device/ (../shared/device/pack.sh, then a stronger
# recompression, so that the runtime, pwsh, the build, Pester and the test images fit the 64 MiB a call may carry
# beside the working tree). Then call the device tool with carry [".device"] and
#   bash .device/run.sh 'bash bench/device/session.sh <what>'
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"
dotnet build -c Release -nologo -v q
dotnet build tests/PhotoFF.Tests -c Release -r linux-x64 --no-self-contained -nologo -v q
dotnet build bench/PhotoFF.CpuBench -c Release -r linux-x64 --no-self-contained -nologo -v q
# Pester, as build.ps1 finds it: $env:NUGET_PACKAGES/pester/5.7.1/tools.
rm -rf artifacts/nuget && mkdir -p artifacts/nuget/pester/5.7.1
cp -r "${NUGET_PACKAGES:-$HOME/.nuget/packages}/pester/5.7.1/tools" artifacts/nuget/pester/5.7.1/
# libvips travels once, in the test build; session.sh links bin/ and the CPU benchmark to it. No symbols or XML docs for
# the module.
shared_in_samples='HMD_Nokia_8.3_5G.jpg jolla.jpg Canon_40D.jpg'
for photo in $shared_in_samples; do cmp -s "samples/photos/$photo" "../shared/testimages/photos/$photo"; done
module=$(ls -d bin/* | grep -v -e '/libvips' -e '\.pdb$' -e '/PhotoFF\.xml$')
cpubench=$(ls -d bench/PhotoFF.CpuBench/bin/Release/net10.0/linux-x64/* | grep -v -e '/libvips' -e '\.pdb$' -e '\.xml$')
../shared/device/pack.sh --pwsh tests/PhotoFF.Tests/bin/Release/net10.0/linux-x64 $module $cpubench artifacts/nuget
# The runtime without its debugger parts, and pwsh WITH its reference assemblies (Add-Type compiles against them;
# ../shared/device/pack.sh leaves them out). PSResourceGet stays out: the Package tests skip without it.
dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
runtime=$(ls -d "$dotnet_root"/shared/Microsoft.NETCore.App/* | sort -V | tail -1)
tar -C "$dotnet_root" --exclude='*/libmscordaccore.so' --exclude='*/libmscordbi.so' --exclude='*/createdump' \
  -cf - dotnet host "shared/Microsoft.NETCore.App/$(basename "$runtime")" | xz -T0 -9e > .device/dotnet.tar.xz
pwsh_home=$(ls -d "${NUGET_PACKAGES:-$HOME/.nuget/packages}"/powershell/7.6.9/tools/net10.0/any/unix)
tar -C "$pwsh_home" --exclude='./runtimes/android*' --exclude='./runtimes/win*' --exclude='./runtimes/osx*' \
  --exclude='./runtimes/maccatalyst*' --exclude='./runtimes/linux-arm*' --exclude='./runtimes/linux-musl*' \
  --exclude='./runtimes/linux-bionic*' --exclude=./Modules/Microsoft.PowerShell.PSResourceGet -cf - . | xz -T0 -9e > .device/pwsh.tar.xz
xz -dc .device/app.tar.xz | xz -T0 -9e > .device/app.tar.xz.new && mv .device/app.tar.xz.new .device/app.tar.xz
# The test photos that samples/photos holds too (the same bytes) travel once, in the working tree; session.sh puts
# them back into ../shared/testimages/photos.
tar -C .. -cf - $(printf -- '--exclude=shared/testimages/photos/%s ' $shared_in_samples) shared/testimages | xz -T0 -9e > .device/shared.tar.xz
# dotnet-stack, for session.sh's STACKS_AFTER (the managed stacks of a suite that hangs): the files it runs from, about
# 0.8 MB packed; it targets .NET 8 and rolls forward to the carried runtime. Left out when NuGet cannot serve it.
stack_tool=$(mktemp -d)
if dotnet tool install dotnet-stack --version 10.0.750501 --tool-path "$stack_tool" > /dev/null 2>&1; then
  stack_dir=$(ls -d "$stack_tool"/.store/dotnet-stack/*/dotnet-stack/*/tools/net8.0/any)
  tar -C "$stack_dir" -cf - dotnet-stack.dll dotnet-stack.deps.json dotnet-stack.runtimeconfig.json System.CommandLine.dll \
    Microsoft.Diagnostics.FastSerialization.dll Microsoft.Diagnostics.NETCore.Client.dll Microsoft.Diagnostics.Tracing.TraceEvent.dll \
    Microsoft.Extensions.DependencyInjection.Abstractions.dll Microsoft.Extensions.Logging.Abstractions.dll | xz -T0 -9e > .device/dstack.tar.xz
else
  echo "dotnet-stack is not available: STACKS_AFTER will do nothing on the device" >&2
  rm -f .device/dstack.tar.xz
fi
rm -rf "$stack_tool"
du -ch .device/*.tar.xz | tail -1
