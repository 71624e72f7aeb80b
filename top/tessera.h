/*
   tessera.h - the top of libtessera: the umbrella header (every public module header, layer by layer) and
   TesseraInitialize(), which registers every class, type and problem set. Library code never includes it.
*/
#ifndef TESSERA_H
#define TESSERA_H

#include <petsc.h>
#include <tesserasys.h>
#include <tesseraio.h>
#include <tesseraradon.h>
#include <tesseramri.h>
#include <tesseradenoiser.h>
#include <tesseraproblem.h>
#include <tesseraphantoms.h>
#include <tesseralibsvm.h>
#include <tesserabilevel.h>
#include <tesserabilevelproblems.h>
#include <tesseraradialfe.h>
#include <tesseraatom.h>
#include <tesseraatomproblems.h>
#include <tesserasketch.h>
#include <tesseraalsketch.h>
#include <tesseranlpproblems.h>
#include <tesserafvflux.h>
#include <tesseraneumannfft.h>
#include <tesserachemotaxis.h>
#include <tesserachemotaxisproblems.h>
#include <tesserarecon.h>

/* SUBMANSEC = Sys */

TESSERA_EXTERN PetscErrorCode TesseraInitialize(void);
TESSERA_EXTERN PetscErrorCode TesseraFinalize(void);
TESSERA_EXTERN PetscErrorCode TesseraInitialized(PetscBool *isinit);
TESSERA_EXTERN PetscErrorCode PetscDLLibraryRegister_tessera(void);

#endif
