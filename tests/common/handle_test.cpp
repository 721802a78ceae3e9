#include "bimi/handle.hpp"

#include <gtest/gtest.h>

namespace bimi {
namespace {

int released = 0;
struct Resource {
  int value = 0;
};
void release_resource(Resource* resource) {
  ++released;
  delete resource;
}
// A release function with a result, as FT_Done_FreeType has.
int release_with_status(Resource* resource) {
  release_resource(resource);
  return 0;
}
// A release function over void*, as g_object_unref and curl_free are.
void release_untyped(void* resource) { release_resource(static_cast<Resource*>(resource)); }

TEST(Handle, ReleasesOnceWhenItGoesOutOfScope) {
  released = 0;
  { Handle<Resource, release_resource> handle(new Resource{7}); }
  EXPECT_EQ(released, 1);
}

TEST(Handle, NeverReleasesNull) {
  released = 0;
  { Handle<Resource, release_resource> handle(nullptr); }
  EXPECT_EQ(released, 0);
}

TEST(Handle, AcceptsReleaseFunctionsWithAResultOrAnUntypedPointer) {
  released = 0;
  {
    Handle<Resource, release_with_status> with_status(new Resource{});
    Handle<Resource, release_untyped> untyped(new Resource{});
  }
  EXPECT_EQ(released, 2);
}

TEST(Handle, IsNoLargerThanAPointer) {
  EXPECT_EQ(sizeof(Handle<Resource, release_resource>), sizeof(Resource*));
}

}  // namespace
}  // namespace bimi
