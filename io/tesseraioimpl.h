/*
   tesseraioimpl.h - private interface between io.c and xdmf.c (never installed)
*/
#ifndef TESSERAIOIMPL_H
#define TESSERAIOIMPL_H

#include <tesseraimpl.h>

/* State of a file open for writing (composed with its viewer by TesseraIOOpen()): rank 0 keeps the temporary file
   open to check at commit time that the file renamed is the one it created */
typedef struct {
  char name[PETSC_MAX_PATH_LEN];   /* the name given to TesseraIOOpen() */
  char target[PETSC_MAX_PATH_LEN]; /* the file replaced: name, or the file a symbolic link name points to */
  char tmp[PETSC_MAX_PATH_LEN];    /* the temporary file in the directory of target */
  int  fd;                         /* rank 0: descriptor of tmp; -1 elsewhere */
} TesseraIOWriteCtx;

/* rank-0 steps of a safe write (io.c): create the temporary file for name (msg non-empty on refusal), and commit it
   (errno value and message on failure, the temporary file removed) */
TESSERA_INTERN PetscErrorCode TesseraIOCreateTmp_Private(const char name[], TesseraIOWriteCtx *w, char msg[], size_t len);
TESSERA_INTERN PetscErrorCode TesseraIOCommit_Private(TesseraIOWriteCtx *w, int *errp, char msg[], size_t len);

/* rank-0 steps of TesseraIOClose() for a viewer with a description from TesseraIOWriteXDMF(): the views in the closed
   temporary file (0 or -1), then the XDMF file next to the committed file, written by the same safe write (errp: 0
   or an errno value, with a message) */
TESSERA_INTERN int            TesseraIOXDMFAddViews_Private(PetscContainer c, const char tmpname[]);
TESSERA_INTERN PetscErrorCode TesseraIOXDMFWriteFile_Private(PetscContainer c, const char name[], int *errp, char msg[], size_t len);

#endif
