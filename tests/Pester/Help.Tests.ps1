# Help as users look for it: the about topics, RELATED LINKS and the online address of every cmdlet, Import-CudaImage's
# wildcards doing what its help says, and error messages that carry their remedy.

BeforeDiscovery {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, 'TestSupport.psm1')) -Force
    Import-PhotoFF
    $cmdlets = @(Get-Command -Module PhotoFF -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } })
    $topics = @('about_PhotoFF', 'about_PhotoFF_Memory', 'about_PhotoFF_Metadata' | ForEach-Object { @{ Topic = $_ } })
}

BeforeAll {
    Import-Module ([IO.Path]::Combine($PSScriptRoot, 'TestSupport.psm1')) -Force
    Import-PhotoFF
    $script:project = 'https://github.com/photoff/PhotoFF.PowerShell'

    # GitHub's anchor of a README heading: lower case, spaces to '-', punctuation other than '-' and '_' dropped.
    $readme = Get-Content -LiteralPath ([IO.Path]::Combine($PSScriptRoot, '..', '..', 'README.md'))
    $script:anchors = @($readme | Where-Object { $_ -match '^#{1,6} ' } |
        ForEach-Object { (($_ -replace '^#+ ', '').ToLowerInvariant() -replace '[^\p{L}\p{Nd} _-]', '') -replace ' ', '-' })
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
        $ErrorActionPreference = 'Continue'
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
