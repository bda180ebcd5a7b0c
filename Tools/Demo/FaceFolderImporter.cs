using System.Net.Http.Headers;

namespace StreamOrleans.Tools.Demo;

/// <summary>
/// Enrols every JPEG of a folder through POST /api/faces/{name}, the name being the file name without extension
/// ("alice.jpg" -> alice). Files whose enrolment is refused are reported with the API's reason; the rest go on.
/// </summary>
internal static class FaceFolderImporter
{
    /// <summary>
    /// Enrols the folder's JPEGs in file-name order; <paramref name="onStep"/> hears after each one. Returns how many were
    /// enrolled, how many JPEGs there were, and each refused file with the API's reason.
    /// </summary>
    public static async Task<(int Enrolled, int Total, IReadOnlyList<string> Failures)> ImportAsync(
        HttpClient http, string folder, Action<FaceImportStep>? onStep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Folder '{folder}' does not exist.");
        }

        var enrolled = 0;
        var failures = new List<string>();
        var files = Directory.EnumerateFiles(folder)
            .Where(f => Path.GetExtension(f).ToUpperInvariant() is ".JPG" or ".JPEG")
            .Order(StringComparer.Ordinal)
            .ToList();
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            var name = Path.GetFileNameWithoutExtension(file);
            var error = await EnrolAsync(http, name, await File.ReadAllBytesAsync(file, cancellationToken), cancellationToken);
            if (error is null)
            {
                enrolled++;
            }
            else
            {
                failures.Add($"{Path.GetFileName(file)}: {error}");
            }

            onStep?.Invoke(new FaceImportStep(i + 1, files.Count, Path.GetFileName(file), error is null));
        }

        return (enrolled, files.Count, failures);
    }

    /// <summary>Enrols one JPEG as <paramref name="name"/>; null on success, else the status and the API's answer.</summary>
    public static async Task<string?> EnrolAsync(HttpClient http, string name, byte[] jpeg, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var content = new ByteArrayContent(jpeg);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        using var response = await http.PostAsync(new Uri($"api/faces/{Uri.EscapeDataString(name)}", UriKind.Relative), content, cancellationToken);
        return response.IsSuccessStatusCode ? null : $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}";
    }
}
