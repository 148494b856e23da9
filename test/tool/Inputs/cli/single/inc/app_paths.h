/* Only found with -I<this directory>. */
#define STATE_TMP "/var/lib/app/state.tmp"
#define STATE "/var/lib/app/state"
