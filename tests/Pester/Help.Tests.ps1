# Help, tab completion and formatting: what a user sees of each cmdlet before running it; the about topics, RELATED LINKS
# and the online address of every cmdlet, Import-CudaImage's wildcards doing what its help says, and error messages that
# carry their remedy.

BeforeDiscovery {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, 'TestSupport.psm1')) -Force
    Import-PhotoFF
    $cmdlets = @(Get-Command -Module PhotoFF -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } })
    $topics = @('about_PhotoFF', 'about_PhotoFF_Memory', 'about_PhotoFF_Metadata' | ForEach-Object { @{ Topic = $_ } })
}

BeforeAll {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, 'TestSupport.psm1')) -Force
    Import-PhotoFF

    # The completions TabExpansion2 offers at the end of -Line.
    function Get-Completion([string] $Line) {
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches | ForEach-Object CompletionText)
    }

    $script:project = 'https://github.com/photoff/PhotoFF.PowerShell'
    # GitHub's anchor of a README heading: lower case, spaces to '-', punctuation other than '-' and '_' dropped.
    $readme = Get-Content -LiteralPath ([IO.Path]::Combine($PSScriptRoot, '..', '..', 'README.md'))
    $script:anchors = @($readme | Where-Object { $_ -match '^#{1,6} ' } |
        ForEach-Object { (($_ -replace '^#+ ', '').ToLowerInvariant() -replace '[^\p{L}\p{Nd} _-]', '') -replace ' ', '-' })
}

Describe 'The module exports' {
    It 'every [Cmdlet] of PhotoFF.dll, and the manifest names each one' {
        $assembly = [PhotoFF.Imaging.CudaImage].Assembly
        $declared = @($assembly.GetExportedTypes() | ForEach-Object {
                $attribute = [Attribute]::GetCustomAttribute($_, [Management.Automation.CmdletAttribute])
                if ($attribute) { "$($attribute.VerbName)-$($attribute.NounName)" }
            } | Sort-Object)
        $exported = @(Get-Command -Module PhotoFF -CommandType Cmdlet | ForEach-Object Name | Sort-Object)
        $manifest = @((Import-PowerShellDataFile (Get-PhotoFFManifest)).CmdletsToExport | Sort-Object)

        $declared.Count | Should -Be 30
        $exported | Should -Be $declared
        $manifest | Should -Be $declared
        $exported | Should -Contain 'Invoke-GaussianBlur'
        $exported | Should -Contain 'New-CudaImage'
    }

    It 'only approved verbs' {
        $approved = @(Get-Verb | ForEach-Object Verb)
        Get-Command -Module PhotoFF | ForEach-Object { $_.Verb | Should -BeIn $approved -Because "$($_.Name) must use an approved verb" }
    }
}

Describe 'Get-Help <Name> -Full' -ForEach $cmdlets {
    BeforeAll {
        $command = Get-Command $Name
        $help = Get-Help $Name -Full
    }

    It 'has a synopsis and a description' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -BeLike '*CommonParameters*'
        ((@($help.description) | ForEach-Object Text) -join '') | Should -Not -BeNullOrEmpty
    }

    It 'has one syntax item per parameter set' {
        @($help.syntax.syntaxItem).Count | Should -Be $command.ParameterSets.Count
    }

    It 'describes every parameter, and Get-Help -Parameter finds each' {
        $common = [Management.Automation.Cmdlet]::CommonParameters + [Management.Automation.Cmdlet]::OptionalCommonParameters
        foreach ($parameter in $command.Parameters.Keys.Where({ $_ -notin $common })) {
            $entry = @($help.parameters.parameter).Where({ $_.name -eq $parameter })
            $entry.Count | Should -Be 1 -Because "-$parameter must be in the help"
            ((@($entry[0].description) | ForEach-Object Text) -join '') | Should -Not -BeNullOrEmpty -Because "-$parameter needs a description"
            (Get-Help $Name -Parameter $parameter).name | Should -Be $parameter
        }
    }

    It 'has at least one example, each with code' {
        $examples = @($help.examples.example)
        $examples.Count | Should -BeGreaterThan 0
        foreach ($example in $examples) { $example.code | Should -Not -BeNullOrEmpty -Because "the example '$($example.title)' needs code" }
    }
}

Describe 'Get-Help' {
    It 'shows the parameter attributes the cmdlet declares' {
        $radius = Get-Help Invoke-GaussianBlur -Parameter Radius
        $inputObject = Get-Help Invoke-GaussianBlur -Parameter InputObject
        $color = Get-Help New-CudaImage -Parameter Color
        $whatIf = Get-Help Clear-CudaBufferPool -Parameter WhatIf

        @($radius.required, $radius.position, $radius.parameterValue, $radius.defaultValue) | Should -Be @('true', '0', 'Double', 'None')
        @($inputObject.required, $inputObject.position, $inputObject.pipelineInput) | Should -Be @('true', 'named', 'True (ByValue)')
        @($color.required, $color.position, $color.parameterValue, $color.defaultValue) | Should -Be @('false', '2', 'Rgba', 'Transparent')
        @($whatIf.required, $whatIf.aliases, $whatIf.defaultValue) | Should -Be @('false', 'wi', 'False')
    }

    It 'shows one syntax per parameter set, the input and output types, and the examples' {
        $blur = Get-Help Invoke-GaussianBlur -Full
        $pool = Get-Help Get-CudaBufferPool -Full

        @($blur.syntax.syntaxItem).Count | Should -Be 2
        @($blur.syntax.syntaxItem)[1].parameter[0].name | Should -Be 'Sigma'
        $blur.inputTypes.inputType.type.name | Should -Be 'PhotoFF.Imaging.CudaImage'
        $blur.returnValues.returnValue.type.name | Should -Be 'PhotoFF.Imaging.CudaImage'
        $pool.inputTypes.inputType.type.name | Should -Be 'None'
        $pool.returnValues.returnValue.type.name | Should -Be 'PhotoFF.Memory.BufferPoolStatistics'
        $blur.Synopsis | Should -Be 'Blurs each image from the pipeline with a Gaussian blur, in place.'
        @($blur.examples.example)[0].title | Should -Be '-------------------------- Example 1: Blur every photo of a folder --------------------------'
        @($blur.examples.example)[0].code | Should -Be 'Get-ChildItem *.jpg | Import-CudaImage | Invoke-GaussianBlur 5 | Export-CudaImage -Destination out'
    }

    It 'prints the help as text with the synopsis, the typed parameters and the examples' {
        $text = Get-Help Add-CornerRadius -Full | Out-String -Width 200

        $text | Should -BeLike '*Rounds the corners of each image*'
        $text | Should -BeLike '*-Radius <Double>*'
        $text | Should -BeLike '*Example 1*'
    }
}

Describe 'Tab completion' {
    It 'offers colour names for a colour parameter' {
        $matches = Get-Completion 'New-CudaImage 1 1 -Color Cornfl'

        $matches | Should -Contain 'CornflowerBlue'
        $matches | ForEach-Object { $_ | Should -BeLike 'Cornfl*' }
        Get-Completion 'Add-Stroke 2 -Color Cornflower' | Should -Contain 'CornflowerBlue'
    }

    It 'offers parameter names' {
        $matches = Get-Completion 'Invoke-GaussianBlur -'

        $matches | Should -Contain '-Radius'
        $matches | Should -Contain '-Sigma'
        $matches | Should -Contain '-InputObject'
    }

    It 'offers the values of an enum parameter' {
        (Get-Command Resize-CudaImage).Parameters['Fit'].ParameterType.Name | Should -Be 'ResizeFit'
        Get-Completion 'Resize-CudaImage -Interpolation La' | Should -Be 'Lanczos3'
        Get-Completion 'Resize-CudaImage -Fit ' | Should -Be @('Contain', 'Cover', 'Fill', 'Inside')
    }
}

Describe 'Formatting' {
    It 'shows an image as a table row of its size, backend, device and source' {
        $lines = Get-Lines (New-CudaImage 3 2 -Color Red | Add-CornerRadius 1 | Out-String -Width 200)

        $lines[0] | Should -Match '^Width\s+Height\s+Backend\s+Device\s+Source$'
        $lines[2] | Should -Match '^\s+3\s+2\s+(Cpu|Cuda)\s'
    }
}

Describe 'About topics' {
    It '<Topic> is found by Get-Help' -ForEach $topics {
        $help = Get-Help $Topic

        $help.Name | Should -Be $Topic
        ($help | Out-String).Length | Should -BeGreaterThan 1500
    }

    It 'about_PhotoFF explains the model' {
        $text = Get-Help about_PhotoFF | Out-String

        foreach ($section in 'THE PIPELINE', 'IN PLACE', 'BACKENDS', 'MEMORY', 'FORMATS', 'ERRORS', 'ENVIRONMENT VARIABLES') {
            $text | Should -Match $section
        }
        foreach ($variable in 'PHOTOFF_BACKEND', 'PHOTOFF_CUDA_SYNC', 'PHOTOFF_POISON_BUFFERS') {
            $text | Should -Match $variable
        }
        $text | Should -Match ([regex]::Escape('$b = $a | Copy-CudaImage | Invoke-GaussianBlur 5'))
    }
}

Describe 'Cmdlet help links' {
    It '<Name> points Get-Help -Online at a section of the README' -ForEach $cmdlets {
        $uri = (Get-Command $Name).HelpUri

        $uri | Should -BeLike "$script:project#*"
        $script:anchors | Should -Contain ($uri -replace '^.*#', '')
        $online = (Get-Help $Name).relatedLinks.navigationLink | Select-Object -First 1
        $online.linkText | Should -Be 'Online Version:'
        $online.uri | Should -Be $uri
    }

    It '<Name> has RELATED LINKS to cmdlets and about topics that exist' -ForEach $cmdlets {
        $links = @((Get-Help $Name).relatedLinks.navigationLink | Select-Object -Skip 1 | ForEach-Object linkText)

        $links.Count | Should -BeGreaterThan 0
        foreach ($link in $links) {
            if ($link -like 'about_*') { (Get-Help $link).Name | Should -Be $link }
            elseif ($link -notlike 'https://*') { Get-Command $link -Module PhotoFF | Should -Not -BeNullOrEmpty -Because "$Name links to $link" }
        }
    }

    It 'the manifest names the same project' {
        (Import-PowerShellDataFile (Get-PhotoFFManifest)).PrivateData.PSData.ProjectUri | Should -Be $script:project
    }
}

Describe 'Import-CudaImage wildcards, as its help describes them' {
    BeforeAll {
        $script:folder = Join-Path $TestDrive 'shots'
        $null = New-Item -ItemType Directory $script:folder
        Copy-Item -LiteralPath (Get-TestImagePath photos Canon_40D.jpg) -Destination (Join-Path $script:folder 'shot [1].jpg')
        Copy-Item -LiteralPath (Get-TestImagePath photos Canon_40D.jpg) -Destination (Join-Path $script:folder 'b.jpg')
        $script:help = (Get-Help Import-CudaImage -Parameter Path).description.Text -join ' '
    }

    It 'says that a wildcard matching nothing is no error, and imports nothing without an error' {
        $script:help | Should -Match 'matches no file imports nothing and is not an error'

        Import-CudaImage (Join-Path $script:folder '*.png') -ErrorVariable problems | Should -BeNullOrEmpty
        $problems | Should -BeNullOrEmpty
    }

    It 'says that a missing file without wildcards is FileNotFound, and reports it so' {
        $script:help | Should -Match 'without wildcards that names no file is a non-terminating FileNotFound error'

        Import-CudaImage (Join-Path $script:folder 'missing.jpg') -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -Be 'FileNotFound,PhotoFF.Commands.ImportCudaImageCommand'
    }

    It 'says that brackets are wildcards, which -LiteralPath and backticks get around' {
        $script:help | Should -Match 'brackets are wildcard'

        @(Import-CudaImage (Join-Path $script:folder 'shot [1].jpg')).Count | Should -Be 0
        $literal = Import-CudaImage -LiteralPath (Join-Path $script:folder 'shot [1].jpg')
        $escaped = Import-CudaImage (Join-Path $script:folder 'shot `[1`].jpg')
        $literal.Width, $escaped.Width | Should -Be 100, 100
        @(Import-CudaImage (Join-Path $script:folder '?.jpg')).SourcePath | Should -Be (Join-Path $script:folder 'b.jpg')
        $literal, $escaped | Remove-CudaImage
    }
}

Describe 'Errors that carry their remedy' {
    It 'a damaged file, read by <Command>, says that -Lenient keeps what can be decoded' -ForEach @(
        @{ Command = 'Import-CudaImage'; Read = { Import-CudaImage (Get-TestImagePath bad corrupted.jpg) } }
        @{ Command = 'ConvertTo-CudaImage'; Read = { ,[IO.File]::ReadAllBytes((Get-TestImagePath bad corrupted.jpg)) | ConvertTo-CudaImage } }
    ) {
        $problems = @(& $Read 2>&1 | Where-Object { $_ -is [Management.Automation.ErrorRecord] })

        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'ImageDecodeFailed,*'
        "$($problems[0])" | Should -Match 'Corrupt JPEG data.*add -Lenient'
        $problems[0].ErrorDetails.RecommendedAction | Should -Match '-Lenient'
    }

    It 'a file that is missing says nothing about -Lenient' {
        Import-CudaImage (Join-Path $TestDrive 'none.jpg') -ErrorVariable problems -ErrorAction SilentlyContinue
        "$($problems[0])" | Should -Not -Match 'Lenient'
    }

    It 'a destination with an unknown extension says how to make it a folder' {
        $destination = Join-Path $TestDrive 'out.v2'

        $thrown = { New-CudaImage 4 4 | Export-CudaImage $destination } | Should -Throw -ErrorId 'UnknownImageFormat,PhotoFF.Commands.ExportCudaImageCommand' -PassThru

        $thrown.Exception.Message | Should -Match ([regex]::Escape("end it with '/': '$destination/'"))
        New-CudaImage 4 4 | Export-CudaImage "$destination/"
        Test-Path (Join-Path $destination 'image-0001.png') | Should -BeTrue
    }
}
