/*
   tesseraioimpl.h - private interface between io.c and xdmf.c (never installed)
*/
#ifndef TESSERAIOIMPL_H
#define TESSERAIOIMPL_H

#include <tesseraimpl.h>

/* State of a file open for writing (composed with its viewer by TesseraIOOpen()): rank 0 keeps the temporary file
   open to check at commit time that the file renamed is the one it created */
typedef struct _TesseraIOWriteCtx TesseraIOWriteCtx;
struct _TesseraIOWriteCtx {
  char               name[PETSC_MAX_PATH_LEN];   /* the name given to TesseraIOOpen() */
  char               target[PETSC_MAX_PATH_LEN]; /* the file replaced: name, or the file a symbolic link name points to */
  char               tmp[PETSC_MAX_PATH_LEN];    /* the temporary file in the directory of target */
  int                fd;                         /* rank 0: descriptor of tmp; -1 elsewhere */
  PetscBool          pending;                    /* rank 0: tmp was created and is neither committed nor removed */
  TesseraIOWriteCtx *next;                       /* the list of pending temporary files, removed at exit */
};

/* rank-0 steps of a safe write (io.c): create the temporary file for name (msg non-empty on refusal), and commit it
   (errno value and message on failure, the temporary file removed) or discard it. From its creation until the
   commit or discard, the temporary file is pending: the process removes it at exit (an error exit returns from
   main without destroying the viewer: atexit(), or the error handler of TesseraInitialize() before PETSc aborts the
   run); only a killed process leaves it behind (or an error on some ranks only, which MPI_Abort() kills). w must stay valid while pending
   (no PetscCall() between a create and its commit or discard when w is on the stack). */
TESSERA_INTERN PetscErrorCode TesseraIOCreateTmp_Private(const char name[], TesseraIOWriteCtx *w, char msg[], size_t len);
TESSERA_INTERN PetscErrorCode TesseraIOCommit_Private(TesseraIOWriteCtx *w, int *errp, char msg[], size_t len);
TESSERA_INTERN void           TesseraIODiscardTmp_Private(TesseraIOWriteCtx *w);
TESSERA_INTERN void           TesseraIORemovePendingTmp_Private(void);

/* TesseraInitialize() and TesseraFinalize(): the error handler that removes the pending temporary files when an
   error reaches main() (PETSc then calls MPI_Abort(), which runs no atexit() functions) */
TESSERA_INTERN PetscErrorCode TesseraIOErrorHandlerSet_Private(PetscBool push);

/* rank-0 steps of TesseraIOClose() for a viewer with a description from TesseraIOWriteXDMF(): the views in the closed
   temporary file (0 or -1), then the XDMF file next to the committed file, written by the same safe write (errp: 0
   or an errno value, with a message) */
TESSERA_INTERN int            TesseraIOXDMFAddViews_Private(PetscContainer c, const char tmpname[]);
TESSERA_INTERN PetscErrorCode TesseraIOXDMFWriteFile_Private(PetscContainer c, const char name[], int *errp, char msg[], size_t len);

#endif
