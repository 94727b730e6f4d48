# PhotoFF's in-place model made visible: one image object in two roles is a clear error that says to copy first, the
# help of every in-place cmdlet says so, and images dropped undisposed give their memory back without [GC]::Collect().

BeforeDiscovery {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, 'TestSupport.psm1')) -Force
    Import-PhotoFF
    $inPlace = @(Get-Command -Module PhotoFF -CommandType Cmdlet |
        Where-Object { $_.ImplementingType.IsSubclassOf([PhotoFF.Commands.ImageOperationCommand]) } |
        ForEach-Object { @{ Name = $_.Name } })
}

BeforeAll {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, 'TestSupport.psm1')) -Force
    Import-PhotoFF
}

Describe 'One image in two roles' {
    BeforeEach { $script:a = New-CudaImage 6 4 -Color '#336699' }
    AfterEach { $script:a | Remove-CudaImage }

    It 'is an error of <Command> that says to copy the image first' -ForEach @(
        @{ Command = 'Compare-CudaImage'; Run = { Compare-CudaImage $script:a $script:a } }
        @{ Command = 'Add-Overlay'; Run = { $script:a | Add-Overlay $script:a -X 1 -Y 1 } }
        @{ Command = 'Invoke-ChromaKey'; Run = { $script:a | Invoke-ChromaKey -KeyImage $script:a } }
    ) {
        $before = $script:a.ToArray()

        $all = @(& $Run 2>&1)
        $problems = @($all | Where-Object { $_ -is [Management.Automation.ErrorRecord] })

        @($all | Where-Object { $_ -isnot [Management.Automation.ErrorRecord] }) | Should -BeNullOrEmpty
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -Be ("SameImage,PhotoFF.Commands.{0}Command" -f ($Command -replace '-'))
        $problems[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $problems[0].Exception.Message | Should -Match 'same image object'
        $problems[0].Exception.Message | Should -Match ([regex]::Escape('$b = $a | Copy-CudaImage | Invoke-GaussianBlur 5'))
        $script:a.ToArray() | Should -Be $before
    }

    It 'catches the classic surprise: $b = $a | Invoke-GaussianBlur makes $b the same image' {
        $b = $script:a | Invoke-GaussianBlur 1

        [object]::ReferenceEquals($script:a, $b) | Should -BeTrue
        { Compare-CudaImage $script:a $b -ErrorAction Stop } | Should -Throw -ErrorId 'SameImage,PhotoFF.Commands.CompareCudaImageCommand'
        $copy = $script:a | Copy-CudaImage
        (Compare-CudaImage $script:a $copy).Identical | Should -BeTrue
        $copy | Remove-CudaImage
    }
}

Describe 'The help of in-place cmdlets' {
    It '<Name> explains that it changes the image in place and how to keep the original' -ForEach $inPlace {
        $notes = (Get-Help $Name -Full).alertSet.alert.Text -join "`n"

        $notes | Should -Match 'in place'
        $notes | Should -Match 'Copy-CudaImage'
        $notes | Should -Match 'about_PhotoFF'
    }

    It 'Export-CudaImage explains what it does with the image afterwards' {
        $help = (Get-Help Export-CudaImage -Full | Out-String)

        $help | Should -Match 'disposed'
        $help | Should -Match 'PassThru'
    }
}

Describe 'Images dropped without Remove-CudaImage' {
    It 'give their memory back to the pool without [GC]::Collect()' {
        # In a fresh process, so that other tests' images do not count. .NET collects when managed memory runs short, and
        # knows nothing of the pool's device (or native) memory: a session that allocates little managed memory, which a
        # no-GC region models here, would keep every dropped image's buffer. 4 MB images are made and dropped, twice
        # the growth the pool allows between the collections it asks for.
        $result = Invoke-Pwsh -Environment @{ PHOTOFF_BACKEND = 'Cpu' } -Command @"
Import-Module '$(Get-PhotoFFManifest)'
`$pool = { Get-CudaBufferPool | Where-Object Pool -eq 'cpu pixels' }
`$null = New-CudaImage 1 1
`$growth = [math]::Clamp([long]((& `$pool).LimitBytes / 16), 256MB, 2GB)
`$count = [int][math]::Ceiling(2 * `$growth / 4MB)
`$null = [GC]::TryStartNoGCRegion(200MB)
for (`$i = 0; `$i -lt `$count; `$i++) { `$image = New-CudaImage 1024 1024 -Color White }
`$after = & `$pool
"growth=`$growth made=`$(`$count * 4MB) held=`$(`$after.BytesHeld) hits=`$(`$after.Hits)"
"@

        $result.ExitCode | Should -Be 0 -Because $result.Error
        $result.Output -match 'growth=(\d+) made=(\d+) held=(\d+) hits=(\d+)' | Should -BeTrue -Because $result.Output
        $growth, $made, $held, $hits = [long[]]$Matches[1..4]
        $held | Should -BeLessOrEqual ($growth + 64MB) -Because "$made bytes of images were made and dropped"
        $hits | Should -BeGreaterThan 0 -Because 'the buffers of dropped images were reused'
    }
}
