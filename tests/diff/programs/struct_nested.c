/* struct_nested: nested structures, arrays inside structures, designated initialisers, copies.
 * diff-expect: exit 0
 */
#include <stdio.h>
#include <string.h>

struct vec3 { float x, y, z; };
struct transform { struct vec3 pos, scale; int flags; };
struct scene { char title[12]; struct transform items[4]; unsigned count; };

static const struct scene initial = {
    .title = "demo",
    .items = { [0] = { .pos = { 1, 2, 3 }, .scale = { 1, 1, 1 }, .flags = 1 },
               [2] = { .pos = { -1, 0, 5 }, .scale = { 2, 2, 2 }, .flags = 4 } },
    .count = 3,
};

static float volume(const struct transform *t) { return t->scale.x * t->scale.y * t->scale.z; }

int main(void)
{
    struct scene s = initial;
    s.items[1] = s.items[0];
    s.items[1].pos.z = 9.5f;
    s.items[3].flags = 8;
    strcpy(s.title, "copied");
    float vol = 0;
    int flags = 0;
    for (unsigned i = 0; i < 4; i++) {
        const struct transform *t = &s.items[i];
        printf("%u: pos (%g,%g,%g) scale (%g,%g,%g) flags %d\n", i, t->pos.x, t->pos.y, t->pos.z, t->scale.x,
               t->scale.y, t->scale.z, t->flags);
        vol += volume(t);
        flags |= t->flags;
    }
    printf("%s/%s count %u volume %g flags %d\n", initial.title, s.title, s.count, vol, flags);
    printf("sizeof %u %u %u\n", (unsigned)sizeof(struct vec3), (unsigned)sizeof(struct transform), (unsigned)sizeof(struct scene));
    return memcmp(&initial.items[0], &s.items[0], sizeof s.items[0]) == 0 ? 0 : 1;
}
