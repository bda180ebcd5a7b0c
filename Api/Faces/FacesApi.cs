using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using StreamOrleans.Api.Cameras;
using StreamOrleans.Api.Faces.Contracts;
using StreamOrleans.Api.Http;
using StreamOrleans.Api.Security;
using StreamOrleans.Grains.Cameras;
using StreamOrleans.Grains.Interfaces.Cameras;


namespace StreamOrleans.Api.Faces;

/// <summary>The face gallery: enrol people from photos, list them, remove one.</summary>
public static class FacesApi
{
    /// <summary>Most images in one multipart enrolment.</summary>
    public const int MaxImagesPerRequest = 32;

    /// <summary>Maps the routes under /api/faces; enrol and remove require the API key when one is set.</summary>
    public static IEndpointRouteBuilder MapFaces(this IEndpointRouteBuilder routes)
    {
        var faces = routes.MapGroup("/api/faces").WithTags("Faces");
        var admin = faces.MapGroup("").RequireApiKey();
        admin.MapPost("/{name}", EnrolAsync)
            .WithName("EnrolFace")
            .WithSummary("Enrol a person from one or more photos (image/jpeg body, or multipart/form-data files)")
            .WithDescription("All or nothing: each image must contain exactly one face, else 400 names the image and the reason.")
            .Accepts<byte[]>(ImageRequestBody.JpegContentType, "multipart/form-data")
            .DisableAntiforgery()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        admin.MapDelete("/{name}", RemoveAsync)
            .WithName("RemoveFace")
            .WithSummary("Remove an enrolled person")
            .ProducesProblem(StatusCodes.Status404NotFound);
        faces.MapGet("", ListAsync)
            .WithName("ListFaces")
            .WithSummary("List enrolled people and their sample counts");
        return routes;
    }

    internal static async Task<Results<Ok<EnrolmentResponse>, ValidationProblem, ProblemHttpResult>> EnrolAsync(
        string name, HttpRequest request, IGrainFactory grains, IOptions<CamerasOptions> options, CancellationToken cancellationToken)
    {
        if (PersonName.Validate(name) is { } badName)
        {
            return ApiResults.Invalid("name", badName);
        }

        var maxBytes = options.Value.MaxFrameBytes;
        var images = new List<byte[]>();
        var labels = new List<string>();
        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(cancellationToken);
            }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                // IOException: the body ends before the closing boundary (a 500 before; found by the hostile-input fuzzer).
                return ApiResults.Invalid("body", $"The multipart body cannot be read: {e.Message.Trim()}");
            }

            if (form.Files.Count == 0)
            {
                return ApiResults.Invalid("images", "The form has no files; attach one or more JPEG photos.");
            }

            if (form.Files.Count > MaxImagesPerRequest)
            {
                return ApiResults.Invalid("images", $"The form has {form.Files.Count} files; at most {MaxImagesPerRequest} are accepted.");
            }

            for (var i = 0; i < form.Files.Count; i++)
            {
                var file = form.Files[i];
                if (file.Length > maxBytes)
                {
                    return ApiResults.Invalid($"images[{i}]", $"'{file.FileName}' has {file.Length} bytes; at most {maxBytes} are accepted (Cameras:MaxFrameBytes).");
                }

                using var buffer = new MemoryStream((int)file.Length);
                await file.CopyToAsync(buffer, cancellationToken);
                images.Add(buffer.ToArray());
                labels.Add($"'{file.FileName}'");
            }
        }
        else
        {
            var (body, problem) = await ImageRequestBody.ReadAsync(request, maxBytes, cancellationToken);
            if (problem is not null)
            {
                return request.HasFormContentType || ImageRequestBody.IsJpeg(request)
                    ? problem
                    : ImageRequestBody.UnsupportedMediaType(request.ContentType, "image/jpeg or multipart/form-data");
            }

            images.Add(body);
            labels.Add("the body");
        }

        var result = await grains.GetGrain<IFaceGalleryGrain>(IFaceGalleryGrain.Key).EnrolAsync(name, images);
        if (!result.Succeeded)
        {
            return result.FailedImage is { } index
                ? ApiResults.Invalid($"images[{index}]", $"Image {index} ({labels[index]}): {result.Failure}")
                : ApiResults.Invalid("images", result.Failure!);
        }

        return TypedResults.Ok(new EnrolmentResponse(result.Name, result.Samples, images.Count));
    }

    internal static async Task<Ok<PeopleResponse>> ListAsync(IGrainFactory grains)
    {
        var people = await grains.GetGrain<IFaceGalleryGrain>(IFaceGalleryGrain.Key).ListAsync();
        return TypedResults.Ok(new PeopleResponse([.. people.Select(p => new PersonResponse(p.Name, p.Samples))]));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(string name, IGrainFactory grains) =>
        await grains.GetGrain<IFaceGalleryGrain>(IFaceGalleryGrain.Key).RemoveAsync(name)
            ? TypedResults.NoContent()
            : TypedResults.Problem(
                title: "Unknown person",
                detail: $"'{name}' is not enrolled.",
                statusCode: StatusCodes.Status404NotFound,
                extensions: new Dictionary<string, object?> { ["name"] = name });
}
