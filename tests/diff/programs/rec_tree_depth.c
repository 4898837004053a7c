/* rec_tree_depth: recursive binary tree building in a static array, traversal orders and depth.
 * diff-expect: exit 0
 */
#include <stdio.h>

struct node { int key; int left, right; };
static struct node t[256];
static int used;

static int insert(int root, int key)
{
    if (root < 0) { t[used].key = key; t[used].left = t[used].right = -1; return used++; }
    if (key < t[root].key) t[root].left = insert(t[root].left, key);
    else t[root].right = insert(t[root].right, key);
    return root;
}
static int depth(int r) { if (r < 0) return 0; int a = depth(t[r].left), b = depth(t[r].right); return 1 + (a > b ? a : b); }
static void inorder(int r) { if (r < 0) return; inorder(t[r].left); printf("%d ", t[r].key); inorder(t[r].right); }
static void preorder(int r) { if (r < 0) return; printf("%d ", t[r].key); preorder(t[r].left); preorder(t[r].right); }
static int count_leaves(int r) { if (r < 0) return 0; if (t[r].left < 0 && t[r].right < 0) return 1; return count_leaves(t[r].left) + count_leaves(t[r].right); }

int main(void)
{
    int root = -1;
    for (int i = 0; i < 40; i++) root = insert(root, (i * 37 + 11) % 101);
    inorder(root); printf("\n");
    preorder(root); printf("\n");
    printf("nodes %d depth %d leaves %d\n", used, depth(root), count_leaves(root));
    return 0;
}
