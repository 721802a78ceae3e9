// Owning handles for the C objects of fontconfig, FreeType and HarfBuzz, so every early return
// releases what was acquired.
#pragma once

#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb.h>

#include "bimi/handle.hpp"

namespace bimi::svgps::text::detail {

using FcConfigPtr = Handle<FcConfig, FcConfigDestroy>;
using FcPatternPtr = Handle<FcPattern, FcPatternDestroy>;
using FcCharSetPtr = Handle<FcCharSet, FcCharSetDestroy>;
using FcFontSetPtr = Handle<FcFontSet, FcFontSetDestroy>;
// FT_Library and FT_Face are pointer typedefs; the handle holds them through their pointee.
using FtLibraryPtr = Handle<FT_LibraryRec_, FT_Done_FreeType>;
using FtFacePtr = Handle<FT_FaceRec_, FT_Done_Face>;
using HbBlobPtr = Handle<hb_blob_t, hb_blob_destroy>;
using HbFacePtr = Handle<hb_face_t, hb_face_destroy>;
using HbFontPtr = Handle<hb_font_t, hb_font_destroy>;
using HbBufferPtr = Handle<hb_buffer_t, hb_buffer_destroy>;

}  // namespace bimi::svgps::text::detail
