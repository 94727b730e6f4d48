using PhotoFF.Host;

namespace PhotoFF.Tests.Host;

public sealed class ModuleLocatorTests
{
    [Fact]
    public void The_manifest_is_found_in_the_module_folder_beside_photoff()
    {
        Assert.Equal(Support.PowerShellSession.ManifestPath, ModuleLocator.Find(AppContext.BaseDirectory));
    }

    [Fact]
    public void Without_a_module_folder_the_manifest_is_found_above()
    {
        string root = Directory.CreateTempSubdirectory("photoff-locate-").FullName;
        try
        {
            string nested = Directory.CreateDirectory(Path.Combine(root, "src", "bin")).FullName;
            File.WriteAllText(Path.Combine(root, ModuleLocator.ManifestName), "@{}");

            Assert.Equal(Path.Combine(root, ModuleLocator.ManifestName), ModuleLocator.Find(nested));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
