// GIF through giflib, read record by record rather than slurped, so that only the first image is
// decoded (an animation's later frames are never held) and the screen size is checked first. The
// frame is placed on its logical screen, transparent where the frame does not reach or where the
// graphic control extension names the transparent index.
#include <gif_lib.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "bimi/handle.hpp"
#include "raster/decoders.hpp"

namespace bimi::svgps::raster {
namespace {

struct MemoryReader {
  std::string_view bytes;
  std::size_t at = 0;
};

int read_from_memory(GifFileType* gif, GifByteType* into, int wanted) {
  auto* reader = static_cast<MemoryReader*>(gif->UserData);
  std::size_t count = std::min(static_cast<std::size_t>(std::max(wanted, 0)), reader->bytes.size() - reader->at);
  std::memcpy(into, reader->bytes.data() + reader->at, count);
  reader->at += count;
  return static_cast<int>(count);
}

void close_gif(GifFileType* gif) {
  int ignored = 0;
  DGifCloseFile(gif, &ignored);
}

std::string unreadable(int code) {
  const char* reason = GifErrorString(code);
  return std::string("unreadable GIF: ") + (reason ? reason : "the data is corrupt");
}

// Rows of an interlaced image in the order they are stored: four passes over the rows.
std::vector<int> row_order(int height, bool interlaced) {
  std::vector<int> rows;
  rows.reserve(static_cast<std::size_t>(height));
  if (!interlaced) {
    for (int y = 0; y < height; ++y) rows.push_back(y);
    return rows;
  }
  const int start[] = {0, 4, 2, 1}, step[] = {8, 8, 4, 2};
  for (int pass = 0; pass < 4; ++pass) {
    for (int y = start[pass]; y < height; y += step[pass]) rows.push_back(y);
  }
  return rows;
}

}  // namespace

std::optional<Image> decode_gif(std::string_view bytes, const Limits& limits, std::string& error) {
  MemoryReader reader{bytes};
  int code = 0;
  Handle<GifFileType, close_gif> gif(DGifOpen(&reader, read_from_memory, &code));
  if (!gif) {
    error = unreadable(code);
    return std::nullopt;
  }
  if (too_many_pixels(static_cast<std::size_t>(std::max(gif->SWidth, 0)),
                      static_cast<std::size_t>(std::max(gif->SHeight, 0)), limits, error)) {
    return std::nullopt;
  }
  int transparent = NO_TRANSPARENT_COLOR;
  for (;;) {
    GifRecordType type;
    if (DGifGetRecordType(gif.get(), &type) == GIF_ERROR) {
      error = unreadable(gif->Error);
      return std::nullopt;
    }
    if (type == TERMINATE_RECORD_TYPE) break;
    if (type == EXTENSION_RECORD_TYPE) {
      int function = 0;
      GifByteType* block = nullptr;
      if (DGifGetExtension(gif.get(), &function, &block) == GIF_ERROR) {
        error = unreadable(gif->Error);
        return std::nullopt;
      }
      if (function == GRAPHICS_EXT_FUNC_CODE && block && block[0] >= 4) {
        GraphicsControlBlock control;
        if (DGifExtensionToGCB(block[0], block + 1, &control) == GIF_OK) transparent = control.TransparentColor;
      }
      while (block) {
        if (DGifGetExtensionNext(gif.get(), &block) == GIF_ERROR) {
          error = unreadable(gif->Error);
          return std::nullopt;
        }
      }
      continue;
    }
    if (type != IMAGE_DESC_RECORD_TYPE) continue;
    if (DGifGetImageDesc(gif.get()) == GIF_ERROR) {
      error = unreadable(gif->Error);
      return std::nullopt;
    }
    const GifImageDesc& frame = gif->Image;
    const ColorMapObject* colours = frame.ColorMap ? frame.ColorMap : gif->SColorMap;
    if (!colours || frame.Width <= 0 || frame.Height <= 0) {
      error = colours ? "unreadable GIF: the image has no pixels" : "unreadable GIF: the image has no colour table";
      return std::nullopt;
    }
    if (too_many_pixels(static_cast<std::size_t>(frame.Width), static_cast<std::size_t>(frame.Height), limits,
                        error)) {
      return std::nullopt;
    }
    Image image;
    image.width = gif->SWidth;
    image.height = gif->SHeight;
    image.rgba.assign(static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height) * 4, 0);
    std::vector<GifPixelType> line(static_cast<std::size_t>(frame.Width));
    for (int y : row_order(frame.Height, frame.Interlace)) {
      if (DGifGetLine(gif.get(), line.data(), frame.Width) == GIF_ERROR) {
        error = unreadable(gif->Error);
        return std::nullopt;
      }
      const int screen_y = frame.Top + y;
      if (screen_y < 0 || screen_y >= image.height) continue;
      for (int x = 0; x < frame.Width; ++x) {
        const int screen_x = frame.Left + x;
        const int index = line[static_cast<std::size_t>(x)];
        if (screen_x < 0 || screen_x >= image.width || index == transparent || index >= colours->ColorCount) continue;
        const GifColorType& colour = colours->Colors[index];
        std::uint8_t* pixel = image.rgba.data() + (static_cast<std::size_t>(screen_y) * static_cast<std::size_t>(image.width) +
                                                   static_cast<std::size_t>(screen_x)) * 4;
        pixel[0] = colour.Red;
        pixel[1] = colour.Green;
        pixel[2] = colour.Blue;
        pixel[3] = 255;
      }
    }
    return image;  // the first image only: a logo is one picture
  }
  error = "unreadable GIF: it holds no image";
  return std::nullopt;
}

}  // namespace bimi::svgps::raster
